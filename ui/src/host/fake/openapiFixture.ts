// A small OpenAPI 3 description (a blog) for import tests: posts page by number with a page
// count, users have no paging hints, comments hang off posts by `{post_id}`.
export const FAKE_OPENAPI = `openapi: 3.0.3
info: {title: Blog, version: '1'}
servers:
  - url: https://blog.example.com/api
paths:
  /posts:
    get:
      parameters:
        - {name: page, in: query, schema: {type: integer}}
      responses:
        '200':
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/Post'}}
                  total_pages: {type: integer}
  /users:
    get:
      responses:
        '200':
          content:
            application/json:
              schema: {type: array, items: {type: object, properties: {id: {type: integer}, name: {type: string}}}}
  /posts/{post_id}/comments:
    get:
      parameters:
        - {name: post_id, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          content:
            application/json:
              schema: {type: array, items: {type: object, properties: {id: {type: integer}, body: {type: string}}}}
components:
  schemas:
    Post:
      type: object
      properties: {id: {type: integer}, title: {type: string}}
`;
