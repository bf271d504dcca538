import { Alert, Center, Loader, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { errorCode } from '../graphql/client';

interface QueryStateProps {
  fetching: boolean;
  error?: CombinedError;
  /** True when the answer came back with nothing to show. */
  empty?: boolean;
  emptyText?: string;
  children: ReactNode;
}

/** The loading, error and empty states every screen shows in the same way. */
export function QueryState({ fetching, error, empty, emptyText, children }: QueryStateProps) {
  const { t } = useTranslation();
  if (error) {
    const code = errorCode(error);
    return (
      <Alert color="red" title={t('state.error')} role="alert">
        {code === 'FORBIDDEN'
          ? t('state.forbidden')
          : code === 'NETWORK'
            ? t('state.network')
            : (error.graphQLErrors[0]?.message ?? error.message)}
      </Alert>
    );
  }
  if (fetching && empty !== false) {
    return (
      <Center p="xl" aria-busy="true" role="status">
        <Loader />
        <VisuallyHidden>{t('state.loading')}</VisuallyHidden>
      </Center>
    );
  }
  if (empty) {
    return (
      <Text c="dimmed" p="md" data-testid="empty-state">
        {emptyText ?? t('state.empty')}
      </Text>
    );
  }
  return <>{children}</>;
}

/** A mutation's error as one line for a notification or an inline alert. */
export function errorMessage(error: CombinedError | undefined): string | undefined {
  return error?.graphQLErrors[0]?.message ?? error?.message;
}
