import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { applyUserLanguage } from '../i18n';
import { LanguageSelect } from '../layout/language-select';
import { homeOf, SCREENS } from '../routes';
import { signIn, SignInError } from './session';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(email.trim(), password);
      applyUserLanguage();
      const from = (location.state as { from?: string } | null)?.from;
      const allowed = from && SCREENS.some((s) => from.startsWith(s.path) && s.roles.includes(session.user.role));
      void navigate(allowed ? from : homeOf(session.user.role), { replace: true });
    } catch (e) {
      const code = e instanceof SignInError ? e.code : 'NETWORK';
      setError(
        code === 'UNAUTHENTICATED'
          ? t('signIn.wrong')
          : code === 'TOO_MANY_REQUESTS'
            ? t('signIn.tooMany', { seconds: (e as SignInError).retryAfterSeconds ?? 60 })
            : t('state.network'),
      );
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" component="main" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit} aria-labelledby="sign-in-title">
          <Stack>
            <Title order={1} size="h2" id="sign-in-title">
              {t('signIn.title')}
            </Title>
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={busy}>
              {t('signIn.submit')}
            </Button>
            <LanguageSelect />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
