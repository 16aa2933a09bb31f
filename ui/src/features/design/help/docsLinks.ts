// Where dlt documents each group of fields. The forms link there so a user can read the
// language's own explanation (Pipewright's extensions are marked in the schema descriptions).
const BASIC = 'https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/basic';
const ADVANCED = 'https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/advanced';

export const DOCS = {
  client: `${BASIC}#client`,
  defaults: `${BASIC}#resource_defaults-optional`,
  resource: `${BASIC}#resource-configuration`,
  endpoint: `${BASIC}#endpoint-configuration`,
  params: `${BASIC}#via-query-string-parameters`,
  body: `${BASIC}#via-json-body`,
  headers: `${BASIC}#endpoint-configuration`,
  pagination: `${BASIC}#pagination`,
  auth: `${BASIC}#authentication`,
  selector: `${BASIC}#data-selection`,
  relationships: `${BASIC}#define-resource-relationships`,
  includeFromParent: `${BASIC}#include-fields-from-the-parent-resource`,
  incremental: `${BASIC}#incremental-loading-using-the-incremental-field`,
  processing: `${BASIC}#processing-steps-filter-and-transform-data`,
  responseActions: `${ADVANCED}#response-actions`,
  loading: 'https://dlthub.com/docs/general-usage/incremental-loading#choosing-a-write-disposition',
  columns: 'https://dlthub.com/docs/general-usage/resource#define-schema',
} as const;

export type DocsTopic = keyof typeof DOCS;
