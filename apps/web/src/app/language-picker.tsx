import { Select, makeStyles, tokens } from '@fluentui/react-components';
import { UI_LANGUAGES, type UiLanguage } from '../i18n/dictionary';
import { useLanguage, useT } from '../i18n/i18n';
import { languageStore } from '../i18n/language-store';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

/** Suomi / English; the choice is remembered and sent to the API as Accept-Language. */
export function LanguagePicker() {
  const t = useT();
  const styles = useStyles();
  const language = useLanguage();
  return (
    <label className={styles.root}>
      <span>{t.app.language}</span>
      <Select size="small" value={language} onChange={(_e, data) => languageStore.set(data.value as UiLanguage)}>
        {UI_LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t.app.languageNames[l]}
          </option>
        ))}
      </Select>
    </label>
  );
}
