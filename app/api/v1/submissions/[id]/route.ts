import { problemDocument } from '@/lib/api/problem';
import { answer, readSubmissionReport } from '@/lib/api/submissions';
import { routes } from '@/lib/routes/registry';
import { apiHandler } from '@/lib/server/guard';

/** Where a submission stands: its state, the editors' notes, its URL once published, what editors changed. */
export const GET = apiHandler(
  'apiSubmission',
  async (_request, actor, context: { params: Promise<{ id: string }> }) => {
    const parsed = routes.apiSubmission.params.safeParse(await context.params);
    const report = parsed.success ? await readSubmissionReport(actor, parsed.data.id) : null;
    if (!report) {
      return answer({
        status: 404,
        body: problemDocument(404, 'not-found', { ja: 'この入稿はありません', en: 'There is no such submission' }),
        headers: {},
      });
    }
    return answer({ status: 200, body: report, headers: {} });
  },
);
