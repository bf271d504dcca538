import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accessToken } from '../auth/session';

/**
 * Downloads one of the API's CSV exports (`/export/<name>.csv`), authenticated as GraphQL is (the
 * in-memory access token, never a token in the URL), saved under `fileName`.
 */
export function CsvDownload({
  path,
  params,
  fileName,
}: {
  path: string;
  params: Record<string, string | string[]>;
  fileName: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function download() {
    setBusy(true);
    setFailed(false);
    try {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(params))
        for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
      const response = await fetch(`/export/${path}?${query.toString()}`, {
        headers: { authorization: `Bearer ${accessToken() ?? ''}` },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      URL.revokeObjectURL(url);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button variant="default" size="xs" loading={busy} onClick={download} color={failed ? 'red' : undefined}>
      {failed ? t('csv.failed') : t('csv.download')}
    </Button>
  );
}
