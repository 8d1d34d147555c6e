/**
 * A save bar button: on a phone (390 px) narrower padding and smaller type, so that a draft's four
 * buttons are one row (issue #27: the bar took 189 of 844 px). A label shortened there keeps its
 * whole words as the button's name (`aria-label`, which begins or ends with the words shown).
 */
export const SAVE_BAR_BUTTON = 'rounded border px-1.5 py-2 text-sm sm:px-4 sm:text-base';
