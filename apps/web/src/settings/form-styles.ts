import { makeStyles, tokens } from '@fluentui/react-components';

export const useFormStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '560px' },
  // A label above its value: fits 320 px, long addresses wrap.
  preview: { margin: `${tokens.spacingVerticalS} 0 0`, '& dt': { fontWeight: tokens.fontWeightSemibold }, '& dd': { margin: `0 0 ${tokens.spacingVerticalXS}`, fontFamily: 'Consolas, "Courier New", monospace', overflowWrap: 'anywhere' } },
});
