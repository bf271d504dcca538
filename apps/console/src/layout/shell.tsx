import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { signOut, useSession } from '../auth/session';
import { screensFor } from '../routes';
import { LanguageSelect } from './language-select';

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession()!;
  const location = useLocation();
  const [opened, { toggle }] = useDisclosure();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Text fw={700} size="lg">
              Deskforce
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed" visibleFrom="sm" data-testid="signed-in-as">
              {session.user.displayName ?? session.user.email} · {t(`role.${session.user.role}`)}
            </Text>
            <LanguageSelect compact />
            <Button variant="default" size="xs" onClick={() => signOut()}>
              {t('signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {screensFor(session.user.role).map((s) => (
          <NavLink
            key={s.path}
            component={RouterLink}
            to={s.path}
            label={t(s.title)}
            active={location.pathname === s.path}
            variant="filled"
            end
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}

/** The heading every screen starts with. */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <Title order={1} size="h2" mb="md">
      {children}
    </Title>
  );
}
