/**
 * Where editing.ts's exports went, for the importers in rooms other sessions edit at the same time
 * (lib/api, lib/articles/claims). New code imports the module that does the job (README.md):
 * save.ts, lifecycle.ts, revisions.ts, revision-diff.ts, pre-publish.ts, preview.ts,
 * import-mapping.ts, admin-list.ts, scheduled-publication.ts. Delete this file once nothing imports it.
 */
export { getArticleForEdit, saveArticle, type SaveResult } from './save';
export { diffSnapshots, snapshotToFormValues, type DiffLine } from './revision-diff';
export { documentToFormValues } from './import-mapping';
export { prePublishChecklist } from './pre-publish';
