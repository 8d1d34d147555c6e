import { describe, expect, it } from 'vitest';
import { withWordParts, wordParts } from './word-diff';

describe('a revision diff', () => {
  it('marks the changed words of a Japanese line, not the whole line', () => {
    const { removed, added } = wordParts('タイトル: 大阪で会談した', 'タイトル: 京都で会談した');
    expect(removed).toEqual([
      { text: 'タイトル: ', changed: false },
      { text: '大阪', changed: true },
      { text: 'で会談した', changed: false },
    ]);
    expect(added).toEqual([
      { text: 'タイトル: ', changed: false },
      { text: '京都', changed: true },
      { text: 'で会談した', changed: false },
    ]);
  });

  it('pairs removed and added lines in order, and leaves an unpaired line whole', () => {
    const lines = withWordParts([
      { kind: 'same', text: '## 見出し' },
      { kind: 'removed', text: 'カテゴリ: 国際' },
      { kind: 'removed', text: '場所: 東京' },
      { kind: 'added', text: 'カテゴリ: 経済' },
    ]);
    expect(lines[0]!.parts).toBeUndefined();
    expect(lines[1]!.parts?.filter((part) => part.changed).map((part) => part.text)).toEqual(['国際']);
    expect(lines[2]!.parts).toBeUndefined();
    expect(lines[3]!.parts?.filter((part) => part.changed).map((part) => part.text)).toEqual(['経済']);
  });
});
