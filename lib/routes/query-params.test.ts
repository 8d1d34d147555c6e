import { describe, expect, it } from 'vitest';
import { DATABASE_INT_MAX, filterTextSchema, parseDatabaseId } from './query-params';

describe('an id from a URL', () => {
  it('is a positive integer the database can hold, or nothing', () => {
    expect(parseDatabaseId('42')).toBe(42);
    expect(parseDatabaseId(String(DATABASE_INT_MAX))).toBe(DATABASE_INT_MAX);
    for (const value of ['2147483648', '99999999999999999999', '0', '-1', '1.5', 'abc', '', undefined]) {
      expect(parseDatabaseId(value), String(value)).toBeNull();
    }
  });
});

describe('filter text from a query string', () => {
  it('drops the NUL byte and other control characters, and is no filter when nothing is left or it is too long', () => {
    const schema = filterTextSchema(10);
    expect(schema.parse('a\u0000b')).toBe('ab');
    expect(schema.parse(' 編集\u0007 ')).toBe('編集');
    expect(schema.parse('\u0000')).toBeUndefined();
    expect(schema.parse('x'.repeat(11))).toBeUndefined();
    expect(schema.parse(undefined)).toBeUndefined();
  });
});
