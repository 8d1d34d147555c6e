import { describe, expect, it } from 'vitest';
import {
  anchorSection,
  citationsIn,
  citeAnchorId,
  citingSections,
  normalizeCitationMarkers,
  sectionCites,
  sourceAnchorId,
  splitCitations,
} from './citations';

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

describe('anchors between a section and the source list', () => {
  it('anchors the first marker of each source in a section, and leaves later ones bare', () => {
    const { paragraphs, trailing } = anchorSection(1, ['会談した[2]。再び[2]。', '声明［１］。'], [1, 2], 2);
    expect(paragraphs).toEqual([
      [{ text: '会談した' }, { cite: 2, anchorId: 'cite-1-2' }, { text: '。再び' }, { cite: 2 }, { text: '。' }],
      [{ text: '声明' }, { cite: 1, anchorId: 'cite-1-1' }, { text: '。' }],
    ]);
    expect(trailing).toEqual([]);
  });

  it('returns the cited sources the text does not show as markers, to follow it, within the source list', () => {
    expect(anchorSection(0, ['本文[1]。'], [1, 3, 7], 3).trailing).toEqual([3]);
  });

  it('gives every back link of the source list a target in its section', () => {
    const sections = [
      { paragraphs: ['A[1]B[2]'], cites: [1, 2] },
      { paragraphs: ['C'], cites: [2] },
      { paragraphs: ['D[3]'], cites: [1, 3] },
    ];
    const ids = new Set(
      sections.flatMap((section, index) => {
        const { paragraphs, trailing } = anchorSection(index, section.paragraphs, section.cites, 3);
        return [
          ...paragraphs.flat().flatMap((run) => ('anchorId' in run && run.anchorId ? [run.anchorId] : [])),
          ...trailing.map((n) => citeAnchorId(index, n)),
        ];
      }),
    );
    const backLinks = [...citingSections(sections)].flatMap(([n, indexes]) =>
      indexes.map((index) => citeAnchorId(index, n)),
    );
    expect(backLinks.sort()).toEqual(['cite-0-1', 'cite-0-2', 'cite-1-2', 'cite-2-1', 'cite-2-3']);
    for (const link of backLinks) expect(ids).toContain(link);
    expect(sourceAnchorId(2)).toBe('source-2');
  });
});
