import { describe, expect, it } from 'vitest';
import { inspectTemplate } from '../src/screens/reply-templates/template-variables.ts';

describe('inspectTemplate', () => {
  it.each([
    ['Hi {{author}}, {{ agent }} here', ['author', 'agent'], [], []],
    ['Order {{order_id}} for {{author}} and {{order_id}}', ['order_id', 'author'], ['order_id'], []],
    ['Hi {{ author', [], [], ['{{']],
    ['Hi {{1st}} and {{first name}}', [], [], ['{{1st}}', '{{first name}}']],
    ['No variables at all', [], [], []],
  ])('%s', (body, used, unknown, malformed) => {
    expect(inspectTemplate(body)).toEqual({ used, unknown, malformed });
  });
});
