import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES } from '../i18n';

/** The language picker; the choice is remembered for the signed-in user. */
export function LanguageSelect({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      label={t('language')}
      labelProps={
        compact
          ? { style: { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } }
          : undefined
      }
      data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
      value={i18n.language}
      onChange={(e) => chooseLanguage(e.currentTarget.value)}
      size={compact ? 'xs' : 'sm'}
    />
  );
}
