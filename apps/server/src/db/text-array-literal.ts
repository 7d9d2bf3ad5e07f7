/**
 * A text[] as PostgreSQL's array literal (`{"a","b"}`), for one row's array inside an array of
 * rows sent to `unnest` (which cannot take an array per row): the server parses it with `::text[]`.
 * Every element is quoted, so commas, braces, spaces and NULL-looking words stay plain text.
 */
export function textArrayLiteral(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
