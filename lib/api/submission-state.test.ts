import { describe, expect, it } from 'vitest';
import { submissionState } from './submissions';

const draft = { status: 'draft', deletedAt: null, corrections: 0, everPublished: false } as const;

describe('the state a pipeline sees', () => {
  it('is the editors’ decision while the article is a draft', () => {
    expect(submissionState('received', draft)).toBe('received');
    expect(submissionState('changes_requested', draft)).toBe('changes_requested');
    expect(submissionState('approved', draft)).toBe('approved');
    expect(submissionState('rejected', draft)).toBe('rejected');
  });

  it('follows the article once an editor schedules, publishes, corrects, unpublishes or deletes it', () => {
    expect(submissionState('approved', { ...draft, status: 'scheduled' })).toBe('scheduled');
    expect(submissionState('approved', { ...draft, status: 'published' })).toBe('published');
    expect(submissionState('received', { ...draft, status: 'published', corrections: 1 })).toBe('corrected');
    expect(submissionState('approved', { ...draft, everPublished: true })).toBe('withdrawn');
    expect(submissionState('received', { ...draft, deletedAt: new Date() })).toBe('withdrawn');
  });
});
