import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What a screen tells after an action: success (announced politely) or failure (announced at once). */
export interface Outcome {
  ok: boolean;
  text: string;
}

/** The outcome of the last action, closable; nothing when there is none. */
export function OutcomeAlert({
  outcome,
  onClose,
  testId,
}: {
  outcome: Outcome | null;
  onClose: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!outcome) return null;
  return (
    <Alert
      color={outcome.ok ? 'green' : 'red'}
      role={outcome.ok ? 'status' : 'alert'}
      withCloseButton
      closeButtonLabel={t('close')}
      onClose={onClose}
      data-testid={testId}
    >
      {outcome.text}
    </Alert>
  );
}
