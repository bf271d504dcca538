import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A secret the API shows only once (an API token, a webhook signing secret), with a copy button. */
export function SecretOnce(props: {
  title: string;
  hint: string;
  secret: string;
  testId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="green"
      role="status"
      title={props.title}
      withCloseButton
      closeButtonLabel={t('close')}
      onClose={props.onClose}
    >
      <Stack gap="xs">
        <Text size="sm">{props.hint}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid={props.testId} style={{ wordBreak: 'break-all' }}>
            {props.secret}
          </Code>
          <CopyButton value={props.secret}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? t('apiTokens.copied') : t('apiTokens.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
