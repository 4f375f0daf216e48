import { makeStyles, tokens } from '@fluentui/react-components';

export const useAdminStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  intro: { color: tokens.colorNeutralForeground2 },
  dialogFields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // A wide table scrolls inside itself in a narrow pane instead of pushing the page sideways.
  tableWrap: { overflowX: 'auto', maxWidth: '100%' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});
