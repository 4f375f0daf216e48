import { makeStyles, tokens } from '@fluentui/react-components';

export const useFormStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '560px' },
});
