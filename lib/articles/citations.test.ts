import { describe, expect, it } from 'vitest';
import { citationsIn, normalizeCitationMarkers, sectionCites, splitCitations } from './citations';

describe('citation markers', () => {
  it('finds [n] and full-width ［ｎ］ markers, once each', () => {
    expect(citationsIn('会談は行われた[1]。声明も出た［２］。再び[1]。')).toEqual([1, 2]);
    expect(normalizeCitationMarkers('声明［２］')).toBe('声明[2]');
  });

  it('splits text into runs, leaving numbers without a source as plain text', () => {
    expect(splitCitations('A[1]B[9]C', 2)).toEqual([{ text: 'A' }, { cite: 1 }, { text: 'B[9]C' }]);
  });

  it('combines inline and explicit citations within the source list', () => {
    expect(sectionCites('本文[2]。', [1, 3], 2)).toEqual([1, 2]);
  });
});
