import { ContactView, ReorderContactsRequest, SaveContactRequest } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { listContacts, removeContact, reorderContacts, saveContact } from "./support-network.service.js";

const ContactParams = z.strictObject({
  clientId: z.uuid(),
  contactId: z.uuid("Use an id made by the app (a UUID)."),
});

/** The client's support network: who to call, in the order to call them. */
export const supportNetworkRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/contacts",
      {
        config: { access: clientRecord("support_contacts", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["support"],
          summary: "The support network, first to call first",
          params: ClientParams,
          response: { 200: z.array(ContactView) },
        },
      },
      async (request) => listContacts(db.kysely, clientAccessOf(request).clientId),
    );

    app.put(
      "/api/clients/:clientId/contacts/:contactId",
      {
        config: { access: clientRecord("support_contacts", "write", ["self"]) },
        schema: {
          tags: ["support"],
          summary: "Add (201) or change (200) a contact",
          params: ContactParams,
          body: SaveContactRequest,
          response: { 200: ContactView, 201: ContactView },
        },
      },
      async (request, reply) => {
        const { created, contact } = await saveContact(
          db,
          clientAccessOf(request).clientId,
          request.params.contactId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(contact);
      },
    );

    app.delete(
      "/api/clients/:clientId/contacts/:contactId",
      {
        config: { access: clientRecord("support_contacts", "write", ["self"]) },
        schema: {
          tags: ["support"],
          summary: "Take a contact out of the network (kept for the outreach log)",
          params: ContactParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeContact(db, clientAccessOf(request).clientId, request.params.contactId);
        return reply.code(204).send(null);
      },
    );

    app.put(
      "/api/clients/:clientId/contacts-order",
      {
        config: { access: clientRecord("support_contacts", "write", ["self"]) },
        schema: {
          tags: ["support"],
          summary: "Set who to call first: every contact id, first to last",
          params: ClientParams,
          body: ReorderContactsRequest,
          response: { 200: z.array(ContactView) },
        },
      },
      async (request) => reorderContacts(db, clientAccessOf(request).clientId, request.body.order),
    );
  };
