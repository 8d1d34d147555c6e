/**
 * The header the editor's own fetches send (image upload, autosave, presence). A cross-site form
 * cannot send a custom header, and a cross-origin fetch that tries needs a CORS preflight Kiji
 * never grants, so a signed-in browser cannot be made to send these from another site.
 * Pure: the forms import it.
 */
export const EDITOR_REQUEST_HEADER = 'x-kiji-editor';
