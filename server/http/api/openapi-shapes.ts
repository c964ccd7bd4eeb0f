/**
 * The small schema builders every part of the OpenAPI document uses (openapi.ts and the
 * openapi-*.ts sections merged into it), so each shape is spelt once.
 */
export type Obj = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const text = (description?: string): Obj => ({ type: 'string', ...(description ? { description } : {}) });
export const bool: Obj = { type: 'boolean' };
export const int: Obj = { type: 'integer' };
export const list = (items: Obj): Obj => ({ type: 'array', items });
/** OpenAPI 3.0 ignores siblings of $ref, so a described or nullable reference goes through allOf. */
export const refWith = (name: string, extra: Obj): Obj => ({ allOf: [ref(name)], ...extra });
export const nullable = (s: Obj): Obj =>
  typeof s.$ref === 'string' ? { allOf: [s], nullable: true } : { ...s, nullable: true };
/** An object whose properties are all required unless listed; `strict` refuses others (the API's input bodies). */
export const object = (
  properties: Record<string, Obj>,
  required: string[] = Object.keys(properties),
  strict = false,
): Obj => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  ...(strict ? { additionalProperties: false } : {}),
});

/** Each error status an operation may answer, by the name of its shared response. */
export const ERROR_RESPONSES: Record<number, string> = {
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Unprocessable',
  428: 'VersionRequired',
};

/** The version a change is based on, as a header (the body's version field is the other way). */
export const ifMatchParam: Obj = {
  name: 'If-Match',
  in: 'header',
  required: false,
  schema: { type: 'string', pattern: '^"\\d+"$' },
  description: 'The version you last read, in quotes; or send a version field',
};

/**
 * An operation's answers: its success as JSON of a schema (a 201 says where the new record lives),
 * 401, and each error status's shared response.
 */
export function jsonResponses(
  ok: { status: number; schema: string; description?: string; location?: string },
  errors: number[],
): Obj {
  const created = ok.status === 201;
  const responses: Obj = {
    [ok.status]: {
      description: ok.description ?? (created ? 'Created' : 'OK'),
      ...(created
        ? { headers: { Location: { schema: { type: 'string' }, description: ok.location ?? 'The new resource' } } }
        : {}),
      content: { 'application/json': { schema: ref(ok.schema) } },
    },
    401: { $ref: '#/components/responses/Unauthorized' },
  };
  for (const e of errors) responses[e] = { $ref: `#/components/responses/${ERROR_RESPONSES[e]}` };
  return responses;
}

/** The {code} of a project's paths. */
export const projectCodeParam: Obj = {
  name: 'code',
  in: 'path',
  required: true,
  schema: text(),
  description: 'A project code (any case)',
};
