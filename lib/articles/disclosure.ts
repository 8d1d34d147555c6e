import type { Disclosure } from '../generated/prisma/enums';
import type { DisclosureKind } from './text/primitives';

export type { DisclosureKind };

/** Prisma names the enum members ai_generated; the site, feeds and headers say ai-generated. */
export function disclosureFromDb(value: Disclosure): DisclosureKind {
  return value.replace('_', '-') as DisclosureKind;
}

export function disclosureToDb(kind: DisclosureKind): Disclosure {
  return kind.replace('-', '_') as Disclosure;
}

/** The AI-Disclosure header's value (and its <meta> twin): how the article was made, or "none". */
export function aiDisclosureValue(kind: DisclosureKind): string {
  return kind === 'human' ? 'none' : kind;
}

export const DISCLOSURE_LABELS: Record<DisclosureKind, string> = {
  'ai-generated': 'AI生成',
  'ai-assisted': 'AI支援',
  human: '記者執筆',
};
