'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import type { ArticleState } from '@/lib/editorial/article-state';
import { StatusLabel } from './StatusLabel';

type Live = {
  state: ArticleState;
  setState: (state: ArticleState) => void;
  /** The form's last save was refused: the notice of the save before it no longer stands. */
  refused: boolean;
  setRefused: (refused: boolean) => void;
};

const LiveState = createContext<Live | null>(null);

/**
 * The article's state as the editor last learned it, shared by the page's status label, the
 * notice of the last save and the form: a conflict that reveals an unpublish or a deletion changes
 * the label at once, without a reload that would drop the merged form, and a refused save takes
 * away the green notice of the save before it (decision 0024).
 */
export function LiveArticleState({ initial, children }: { initial: ArticleState; children: ReactNode }) {
  const [state, setState] = useState(initial);
  const [refused, setRefused] = useState(false);
  return <LiveState.Provider value={{ state, setState, refused, setRefused }}>{children}</LiveState.Provider>;
}

export function LiveStatusLabel() {
  const live = useContext(LiveState);
  if (!live) return null;
  return (
    <span data-testid="article-status">
      <StatusLabel status={live.state.status} deleted={live.state.deleted} />
    </span>
  );
}

/** A notice of the last save, gone once a later save is refused (no green above a red). */
export function UnlessRefused({ children }: { children: ReactNode }) {
  const live = useContext(LiveState);
  return live?.refused ? null : children;
}

/** The shared state, or the form's own when the page has none (a new article). */
export function useLiveArticleState(initial: ArticleState): Live {
  const [state, setState] = useState(initial);
  const [refused, setRefused] = useState(false);
  return useContext(LiveState) ?? { state, setState, refused, setRefused };
}
