import { updateAiPolicyAction } from '@/app/admin/actions';

/** The AI policy shown at /about/ai, edited as text: paragraphs and ## headings. */
export function AiPolicyForm({ policy }: { policy: string }) {
  return (
    <form action={updateAiPolicyAction} className="mt-4">
      <label htmlFor="ai-policy" className="block font-bold">
        AI利用方針（/about/ai）
      </label>
      <p id="ai-policy-hint" className="text-sm text-muted">
        段落は空行で区切り、見出しは行頭に「## 」を付けます。
      </p>
      <textarea
        id="ai-policy"
        name="value"
        aria-describedby="ai-policy-hint"
        defaultValue={policy}
        rows={20}
        className="mt-1 w-full rounded border border-rule bg-paper p-2"
      />
      <button type="submit" className="mt-2 rounded bg-accent px-4 py-2 font-bold text-paper">
        保存して公開
      </button>
    </form>
  );
}
