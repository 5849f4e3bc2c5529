import { JournalEntryView, SaveJournalEntryRequest } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { listJournal, saveJournalEntry } from "./journal.service.js";

const EntryParams = z.strictObject({
  clientId: z.uuid(),
  entryId: z.uuid("Use an id made by the app (a UUID)."),
});

/** The client's journal: private unless an entry is shared with the care team. */
export const journalRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.put(
      "/api/clients/:clientId/journal/:entryId",
      {
        config: { access: clientRecord("journal", "write", ["self"]) },
        schema: {
          tags: ["recovery"],
          summary: "Save a journal entry (201 new, 200 changed)",
          params: EntryParams,
          body: SaveJournalEntryRequest,
          response: { 200: JournalEntryView, 201: JournalEntryView },
        },
      },
      async (request, reply) => {
        const { created, entry } = await saveJournalEntry(
          db,
          clientAccessOf(request).clientId,
          request.params.entryId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(entry);
      },
    );

    app.get(
      "/api/clients/:clientId/journal",
      {
        config: { access: clientRecord("journal", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["recovery"],
          summary: "Journal entries, newest first (the care team sees only shared ones)",
          params: ClientParams,
          response: { 200: z.array(JournalEntryView) },
        },
      },
      async (request) => {
        const { clientId, via } = clientAccessOf(request);
        return listJournal(db, clientId, via);
      },
    );
  };
