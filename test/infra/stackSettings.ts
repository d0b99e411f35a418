import type { PartnerdeskSettings } from '../../infra/PartnerdeskStack';

/** Deployment settings used by the infra tests (production); origins spaced on purpose (the API trims them). */
export const stackSettings: PartnerdeskSettings = {
  senderEmail: 'partners@mail.partnerdesk.test',
  allowedOrigins: 'https://console.partnerdesk.test , https://admin.partnerdesk.test',
  partnerDepartmentEmail: 'partner-department@partnerdesk.test',
  supportEmail: 'support@partnerdesk.test',
  publicBaseUrl: 'https://console.partnerdesk.test',
  authDomainPrefix: 'partnerdesk-infra-test',
  stage: 'prod',
  alarmEmail: 'operations@partnerdesk.test',
};

/** The stack's environment in tests: fixed region, no account (synthesizes offline). */
export const stackEnv = { region: 'eu-central-1' };
