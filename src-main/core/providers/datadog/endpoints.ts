/** The Datadog endpoints the adapter calls, with their authority (shared/providers/datadog.md). */
import type { EndpointSpec } from '../types';

const BRIEF = 'shared/providers/datadog.md';
const AUTH = 'DD-API-KEY + DD-APPLICATION-KEY';

// ENDPOINTS (documented / modeled)
export const DATADOG_ENDPOINTS = [
  {
    key: 'keys.validate',
    method: 'GET',
    path: '/api/v2/validate_keys',
    basis: 'documented',
    source: `${BRIEF} §3, §4 [DDC validateAPIKey]`,
    auth: AUTH,
    purpose: 'Check the key pair when connecting and testing ({status: "ok"}).',
  },
  {
    key: 'api_keys.list',
    method: 'GET',
    path: '/api/v2/api_keys?page[size]=100&page[number]={n}&include=created_by',
    basis: 'modeled',
    source: `${BRIEF} §3, §4 [DDC listAPIKeys]; paging from 0 and its end by meta.page.total_filtered_count modeled (§7)`,
    auth: `${AUTH} with api_keys_read`,
    purpose: 'List the organization’s API keys, page by page.',
  },
  {
    key: 'api_keys.create',
    method: 'POST',
    path: '/api/v2/api_keys',
    basis: 'documented',
    source: `${BRIEF} §3 request bodies [DDC createAPIKey]; its permission (api_keys_write) from the v1 spec (§7)`,
    auth: `${AUTH} with api_keys_write`,
    purpose: 'Create an API key ({data: {type, attributes: {name}}}); 201 with the key.',
  },
  {
    key: 'api_keys.delete',
    method: 'DELETE',
    path: '/api/v2/api_keys/{api_key_id}',
    basis: 'documented',
    source: `${BRIEF} §3 [DDC deleteAPIKey]`,
    auth: `${AUTH} with api_keys_delete`,
    purpose: 'Delete an API key (204).',
  },
  {
    key: 'application_keys.list',
    method: 'GET',
    path: '/api/v2/application_keys?page[size]=100&page[number]={n}&include=owned_by',
    basis: 'modeled',
    source: `${BRIEF} §1, §3 [DDC listApplicationKeys]; paging modeled as for API keys (§7)`,
    auth: `${AUTH} with org_app_keys_read (403 otherwise: the caller’s own keys are listed instead)`,
    purpose: 'List every application key of the organization, with its owner.',
  },
  {
    key: 'application_keys.delete',
    method: 'DELETE',
    path: '/api/v2/application_keys/{app_key_id}',
    basis: 'documented',
    source: `${BRIEF} §3 [DDC deleteApplicationKey]`,
    auth: `${AUTH} with org_app_keys_write`,
    purpose: 'Delete any application key of the organization (204).',
  },
  {
    key: 'my_application_keys.list',
    method: 'GET',
    path: '/api/v2/current_user/application_keys?page[size]=100&page[number]={n}&include=owned_by',
    basis: 'modeled',
    source: `${BRIEF} §1, §3 [DDC listCurrentUserApplicationKeys]; paging modeled (§7)`,
    auth: `${AUTH} with user_app_keys`,
    purpose: 'List the caller’s own application keys.',
  },
  {
    key: 'my_application_keys.create',
    method: 'POST',
    path: '/api/v2/current_user/application_keys',
    basis: 'documented',
    source: `${BRIEF} §3 request bodies [DDC createCurrentUserApplicationKey]`,
    auth: `${AUTH} with user_app_keys`,
    purpose:
      'Create an application key for the caller ({name, scopes?}); 201 with the key, shown once (OTR).',
  },
  {
    key: 'my_application_keys.delete',
    method: 'DELETE',
    path: '/api/v2/current_user/application_keys/{app_key_id}',
    basis: 'documented',
    source: `${BRIEF} §3 [DDC deleteCurrentUserApplicationKey]`,
    auth: `${AUTH} with user_app_keys`,
    purpose: 'Delete one of the caller’s application keys (204).',
  },
] as const satisfies readonly EndpointSpec[];
