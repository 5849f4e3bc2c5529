import type { SaveSlipReviewRequest, SlipReviewView } from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";

/** A lesson in the client's relapse-prevention plan. */
export interface PreventionLesson {
  id: string;
  text: string;
  slipReviewId: string | null;
  createdAt: string;
}

/** The client's slip reviews and the lessons they added to the prevention plan. */
export interface SlipReviewsView {
  reviews: SlipReviewView[];
  lessons: PreventionLesson[];
}

/** What the review needs from the home screen: the client's today, words and the act awaiting a review. */
export interface SlipReviewContext {
  today: string;
  actTerm: string;
  unreviewedActId: string | null;
  unreviewedActDate: string | null;
}

/** Query keys for slip reviews. */
export const slipReviewKeys = {
  all: (clientId: string) => ["slip-reviews", clientId] as const,
  context: (clientId: string) => ["slip-review-context", clientId] as const,
};

const enc = encodeURIComponent;

/** The reviews (staff get only shared ones) and prevention lessons. */
export function listSlipReviews(clientId: string): Promise<SlipReviewsView> {
  return request<SlipReviewsView>("GET", `/clients/${enc(clientId)}/slip-reviews`);
}

/** Saves a review under an id made by the app; saving again updates the same review. */
export function saveSlipReview(
  clientId: string,
  reviewId: string,
  body: SaveSlipReviewRequest,
): Promise<SlipReviewView> {
  return request<SlipReviewView>("PUT", `/clients/${enc(clientId)}/slip-reviews/${enc(reviewId)}`, body);
}

/** The client's local today and the most recent act without a review (from the home screen request). */
export async function getSlipReviewContext(clientId: string): Promise<SlipReviewContext> {
  const today = await request<{
    today: string;
    settings: { actTerm: string };
    unreviewedActId: string | null;
    unreviewedActDate: string | null;
  }>("GET", `/clients/${enc(clientId)}/recovery/today`);
  return {
    today: today.today,
    actTerm: today.settings.actTerm,
    unreviewedActId: today.unreviewedActId,
    unreviewedActDate: today.unreviewedActDate,
  };
}

/** The client's reviews and lessons. */
export function useSlipReviews(clientId: string, enabled = true) {
  return useQuery({
    queryKey: slipReviewKeys.all(clientId),
    queryFn: () => listSlipReviews(clientId),
    enabled,
  });
}

/** The context a new review starts from. */
export function useSlipReviewContext(clientId: string) {
  return useQuery({
    queryKey: slipReviewKeys.context(clientId),
    queryFn: () => getSlipReviewContext(clientId),
  });
}

/** Saves a review and refreshes the list, the home screen and the timeline. */
export function useSaveSlipReview(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SaveSlipReviewRequest }) =>
      saveSlipReview(clientId, id, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: slipReviewKeys.all(clientId) }),
        queryClient.invalidateQueries({ queryKey: slipReviewKeys.context(clientId) }),
        queryClient.invalidateQueries({ queryKey: ["recovery-timeline", clientId] }),
      ]);
    },
  });
}
