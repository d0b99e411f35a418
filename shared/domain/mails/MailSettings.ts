/** What every mail shows of the cloud that runs the partner program: settings of the stack (`CLOUD_NAME`, `BRAND_COLOR`, `SUPPORT_EMAIL`). */
export interface MailSettings {
  /** The cloud's name, in the header of every mail and in subjects. */
  readonly cloudName: string;
  /** The brand colour, `#rrggbb`: the header band and the action button. */
  readonly brandColor: string;
  /** The support contact in the footer of every mail (and where applicants are sent). */
  readonly supportEmail: string;
}

/** A colour the mail layout can put in a style attribute: exactly `#rrggbb`, nothing a stylesheet could be smuggled in with. */
export const BRAND_COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** What mails show when the stack sets nothing. */
export const DEFAULT_MAIL_SETTINGS: MailSettings = {
  cloudName: 'Partnerdesk Cloud',
  brandColor: '#1d4ed8',
  supportEmail: 'support@partnerdesk.local',
};

/** The mail settings of an environment (`CLOUD_NAME`, `BRAND_COLOR`, `SUPPORT_EMAIL`), each defaulted; a colour that is not `#rrggbb` is ignored. */
export function mailSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): MailSettings {
  return {
    cloudName: env.CLOUD_NAME?.trim() || DEFAULT_MAIL_SETTINGS.cloudName,
    brandColor: BRAND_COLOR_PATTERN.test(env.BRAND_COLOR ?? '') ? (env.BRAND_COLOR as string) : DEFAULT_MAIL_SETTINGS.brandColor,
    supportEmail: env.SUPPORT_EMAIL || DEFAULT_MAIL_SETTINGS.supportEmail,
  };
}
