/**
 * Datadog runs in several sites, each with its own API host (shared/providers/datadog.md §2,
 * from DD-KM). The connection picks one; that host is the credential's origin, and Tokenkeeper
 * sends the keys to no other site. `uk1` is listed on some of Datadog's pages only (§7): it is
 * offered, and the brief's doubt is said in docs/providers/datadog.md.
 */
export interface DatadogSite {
  /** What Datadog's site selector shows (the web app's host). */
  label: string;
  baseUrl: string;
}

export const DATADOG_SITES: readonly DatadogSite[] = [
  { label: 'US1 (app.datadoghq.com)', baseUrl: 'https://api.datadoghq.com' },
  { label: 'US3 (us3.datadoghq.com)', baseUrl: 'https://api.us3.datadoghq.com' },
  { label: 'US5 (us5.datadoghq.com)', baseUrl: 'https://api.us5.datadoghq.com' },
  { label: 'EU1 (app.datadoghq.eu)', baseUrl: 'https://api.datadoghq.eu' },
  { label: 'AP1 (ap1.datadoghq.com)', baseUrl: 'https://api.ap1.datadoghq.com' },
  { label: 'AP2 (ap2.datadoghq.com)', baseUrl: 'https://api.ap2.datadoghq.com' },
  { label: 'UK1 (uk1.datadoghq.com)', baseUrl: 'https://api.uk1.datadoghq.com' },
  { label: 'US1-FED (app.ddog-gov.com)', baseUrl: 'https://api.ddog-gov.com' },
  { label: 'US2-FED (us2.ddog-gov.com)', baseUrl: 'https://api.us2.ddog-gov.com' },
];

export const DATADOG_DEFAULT_SITE = 'https://api.datadoghq.com';
