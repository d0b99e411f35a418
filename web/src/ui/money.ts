/** Money as the API sends it: integer minor units (kopecks) with an ISO 4217 currency (`formatMoney` in `i18n/format` shows it). */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}
