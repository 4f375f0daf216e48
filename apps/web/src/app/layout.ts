/**
 * Below this width the add-in is in a task pane (Outlook's is about 320–450 px) or on a phone: the
 * navigation folds behind a menu button, forms take one column and the reading pane goes under the list.
 */
export const NARROW_MAX_PX = 599;
export const NARROW = `@media (max-width: ${NARROW_MAX_PX}px)`;

/** Below this width the message list and the reading pane are stacked instead of side by side. */
export const STACKED = '@media (max-width: 899px)';
