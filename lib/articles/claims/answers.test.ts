import { describe, expect, it } from 'vitest';
import { questionId, readyAnswers } from './answers';
import type { FactsToDecide } from './decisions';

const fact = (text: string, answered = false): FactsToDecide['facts'][number] => ({
  fact: text,
  key: `n:${text}`,
  kind: 'number',
  section: '避難',
  sectionIndex: 1,
  decision: answered
    ? { decision: 'confirmed', note: null, by: '編集者', at: '2025-10-19T01:00:00.000Z', revisionVersion: 3 }
    : null,
});

describe('whether an article may go out with the answers given', () => {
  const ai: FactsToDecide = { required: true, facts: [fact('120人'), fact('30%')] };

  it('holds an AI article back until every figure not found is answered for', () => {
    expect(readyAnswers(ai, {}).ready).toBe(false);
    expect(readyAnswers(ai, { [questionId(ai.facts[0]!)]: { decision: 'confirmed', note: '' } }).ready).toBe(false);
    const both = readyAnswers(ai, {
      [questionId(ai.facts[0]!)]: { decision: 'confirmed', note: '' },
      [questionId(ai.facts[1]!)]: { decision: 'checked_elsewhere', note: ' 県の資料 ' },
    });
    expect(both).toEqual({
      ready: true,
      toRecord: [
        { section: '避難', fact: '120人', decision: 'confirmed' },
        { section: '避難', fact: '30%', decision: 'checked_elsewhere', note: '県の資料' },
      ],
    });
  });

  it('does not count "checked elsewhere" without a note as an answer', () => {
    const answers = {
      [questionId(ai.facts[0]!)]: { decision: 'confirmed' as const, note: '' },
      [questionId(ai.facts[1]!)]: { decision: 'checked_elsewhere' as const, note: '   ' },
    };
    expect(readyAnswers(ai, answers)).toMatchObject({ ready: false, toRecord: [{ fact: '120人' }] });
  });

  it('does not ask again about a figure answered for before: that answer clears it', () => {
    const cleared: FactsToDecide = { required: true, facts: [fact('120人', true)] };
    expect(readyAnswers(cleared, {})).toEqual({ ready: true, toRecord: [] });
  });

  it('lets an article written by people go out with answers optional, and one with nothing to ask', () => {
    expect(readyAnswers({ ...ai, required: false }, {}).ready).toBe(true);
    expect(readyAnswers(null, {}).ready).toBe(true);
  });
});
