import type { DisclosureKind } from './disclosure';
import type { ImageView } from '../media/renditions';

/** What a live page receives (pure types: components import them from here, never the data layer). */
export type LiveUpdateView = {
  id: number;
  heading: string | null;
  paragraphs: string[];
  keyEvent: boolean;
  pinned: boolean;
  disclosure: DisclosureKind;
  sources: { title: string; url: string }[];
  postedAt: string;
  editedAt: string | null;
  image: ImageView | null;
  corrections: { correctedAt: string; whatWasWrong: string }[];
};

export type LiveCoverageView = {
  state: 'live' | 'ended';
  startedAt: string;
  endedAt: string | null;
  pinned: LiveUpdateView | null;
  updates: LiveUpdateView[];
  page: number;
  pageCount: number;
  total: number;
  keyEvents: number;
  keyOnly: boolean;
  /** The newest update: the reader's script compares it with what the page shows. */
  latest: { id: number; postedAt: string } | null;
};

/** The anchor of an update on its live page. */
export const updateAnchor = (id: number) => `update-${id}`;
