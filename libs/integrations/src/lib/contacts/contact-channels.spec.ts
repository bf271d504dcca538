import { CHANNELS } from '@deskforce/platform';
import { CONTACT_CHANNELS } from '../connectors/contact';

// The connectors are pure (they may not import the platform), so their channel list is plain text: it must
// stay the platform's, or a contact would be mapped to a channel the ingest refuses.
it("the connectors' channels are the platform's, so every contact is stored on its own channel", () => {
  expect([...CONTACT_CHANNELS]).toEqual([...CHANNELS]);
});
