import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PartnerdeskSettings } from '../../infra/PartnerdeskStack';

/** Deployment settings used by the infra tests (production), with a custom console domain; extra origins spaced on purpose (the API trims them). */
export const stackSettings: PartnerdeskSettings = {
  senderEmail: 'partners@mail.partnerdesk.test',
  consoleOrigin: 'https://console.partnerdesk.test',
  consoleCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  allowedOrigins: ' https://admin.partnerdesk.test , http://localhost:5173',
  partnerDepartmentEmail: 'partner-department@partnerdesk.test',
  supportEmail: 'support@partnerdesk.test',
  cloudName: 'Partnerdesk Test Cloud',
  brandColor: '#0f766e',
  authDomainPrefix: 'partnerdesk-infra-test',
  stage: 'prod',
  alarmEmail: 'operations@partnerdesk.test',
};

/** The same settings as a first deploy has them: no custom console domain, no extra origins. */
export const defaultStackSettings: PartnerdeskSettings = {
  ...stackSettings,
  consoleOrigin: undefined,
  consoleCertificateArn: undefined,
  allowedOrigins: undefined,
};

/** The stack's environment in tests: fixed region, no account (synthesizes offline). */
export const stackEnv = { region: 'eu-central-1' };

/** A temporary folder standing in for `web/dist`: an `index.html` and one script; the caller removes it. */
export function builtConsoleFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partnerdesk-console-'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>partnerdesk</title>\n' +
      '<script type="module" src="/assets/main.js"></script>\n</head>\n<body></body>\n</html>\n',
  );
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'main.js'), 'document.body.textContent = "partnerdesk";\n');
  return dir;
}
