'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import type { ArticleState } from '@/lib/editorial/article-state';
import { StatusLabel } from './StatusLabel';

type Live = readonly [ArticleState, (state: ArticleState) => void];

const LiveState = createContext<Live | null>(null);

/**
 * The article's state as the editor last learned it, shared by the page's status label and the
 * form: a conflict that reveals an unpublish or a deletion changes the label at once, without a
 * reload that would drop the merged form (decision 0024).
 */
export function LiveArticleState({ initial, children }: { initial: ArticleState; children: ReactNode }) {
  const [state, setState] = useState(initial);
  return <LiveState.Provider value={[state, setState]}>{children}</LiveState.Provider>;
}

export function LiveStatusLabel() {
  const live = useContext(LiveState);
  if (!live) return null;
  return (
    <span data-testid="article-status">
      <StatusLabel status={live[0].status} deleted={live[0].deleted} />
    </span>
  );
}

/** The shared state, or the form's own when the page has none (a new article). */
export function useLiveArticleState(initial: ArticleState): Live {
  const own = useState(initial);
  return useContext(LiveState) ?? own;
}
