'use client';

import { useEffect, useId, useRef, useState, useTransition } from 'react';
import type { PrePublishChecklist } from '@/lib/editorial/pre-publish';
import { republishWarning } from '@/lib/editorial/article-state';
import { decideFactsAction } from '@/app/admin/claims-actions';
import type { FactsToDecide } from '@/lib/articles/claims/decisions';
import { FactQuestions } from './FactQuestions.client';
import { readyAnswers, type Answers } from '@/lib/articles/claims/answers';

export type ChecklistRequest = {
  intent: 'publish' | 'schedule';
  checklist: Extract<PrePublishChecklist, { ok: true }>;
  /** The figures the sources did not hold, to answer for before publishing (docs/decisions/0035). */
  facts?: FactsToDecide | null;
};

/**
 * The one dialog before an article goes out (今すぐ公開, 予約公開, the preview's このまま公開する):
 * what is about to be published, item by item, and, when someone else took the article down, who
 * and when, with a box the editor must tick before the button works (decision 0024).
 */
export function PublishChecklistDialog({
  request,
  articleId,
  onCancel,
  onConfirm,
}: {
  request: ChecklistRequest | null;
  articleId?: number;
  onCancel: () => void;
  /** `confirmRepublish`: the version of the unpublish the editor confirmed, if there was one. */
  onConfirm: (confirmRepublish: number | null) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [acknowledged, setAcknowledged] = useState(false);
  const [answers, setAnswers] = useState<Answers>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [recording, startRecording] = useTransition();
  useEffect(() => {
    if (request && !dialog.current?.open) {
      setAcknowledged(false);
      setAnswers({});
      setProblem(null);
      dialog.current?.showModal();
    }
    if (!request && dialog.current?.open) dialog.current.close();
  }, [request]);
  const unpublished = request?.checklist.unpublished ?? null;
  const verb = request?.intent === 'schedule' ? '予約公開する' : '公開する';
  const facts = request?.facts && request.facts.facts.length > 0 ? request.facts : null;
  // An AI article goes out only once every figure its sources did not hold is answered for.
  const { ready, toRecord } = readyAnswers(facts, answers);
  const confirm = () => {
    const version = unpublished?.version ?? null;
    if (toRecord.length === 0 || articleId === undefined) return onConfirm(version);
    startRecording(async () => {
      const form = new FormData();
      form.set('id', String(articleId));
      form.set('answers', JSON.stringify(toRecord));
      const result = await decideFactsAction(form);
      if (result.ok) onConfirm(version);
      else setProblem(result.message);
    });
  };
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid="publish-checklist"
      onClose={onCancel}
      className="m-auto max-w-lg rounded border border-rule bg-paper p-5 text-ink backdrop:bg-black/50"
    >
      {request ? (
        <>
          <h2 id={titleId} className="text-lg font-bold">
            {request.intent === 'schedule' ? '予約公開の前に確かめてください' : '公開の前に確かめてください'}
          </h2>
          {unpublished ? (
            <div
              role="alert"
              data-testid="republish-warning"
              className="mt-3 rounded border border-danger bg-danger-soft p-3 text-sm text-danger"
            >
              <p className="font-bold">{republishWarning(unpublished)}</p>
              <label className="mt-2 flex items-start gap-2 text-ink">
                <input
                  type="checkbox"
                  checked={acknowledged}
                  onChange={(event) => setAcknowledged(event.target.checked)}
                />
                <span>{unpublished.by}さんが取り消した記事を、承知の上で公開し直します</span>
              </label>
            </div>
          ) : null}
          <dl className="mt-3 text-sm">
            {/* The figures not found are asked about one by one below, with their answers. */}
            {request.checklist.checks
              .filter((check) => !(facts && check.key === 'claims'))
              .map((check) => (
                <div
                  key={check.key}
                  data-testid={`check-${check.key}`}
                  className="grid grid-cols-[9rem_1fr] gap-x-3 border-b border-rule py-1"
                >
                  <dt className="font-bold">
                    {check.tone === 'attention' ? '⚠ ' : '✓ '}
                    {check.label}
                  </dt>
                  <dd className={check.tone === 'attention' ? 'text-caution' : ''}>{check.detail}</dd>
                </div>
              ))}
          </dl>
          {facts ? <FactQuestions facts={facts} answers={answers} setAnswers={setAnswers} /> : null}
          {problem ? (
            <p role="alert" className="mt-3 text-sm text-danger">
              {problem}
            </p>
          ) : null}
          <div className="mt-4 flex flex-wrap justify-end gap-3">
            <button
              type="button"
              autoFocus
              onClick={() => dialog.current?.close()}
              className="rounded border border-ink px-4 py-2"
            >
              やめる
            </button>
            <button
              type="button"
              disabled={(!!unpublished && !acknowledged) || !ready || recording}
              onClick={confirm}
              className="rounded bg-accent px-4 py-2 font-bold text-paper disabled:opacity-50"
            >
              {verb}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
