/**
 * A problem the provider reports about a token (e.g. a leak it found), in the provider's own words
 * (its descriptor's `reportedProblem`), and since when. Generic: the core says whether there is
 * one; the provider module says what it means.
 */
import { TriangleExclamationPoint } from 'lucide-react';
import type { ProviderDescriptor, TokenDetail } from '../../types';
import { BADGES } from '../../lib/badges';
import { When } from '../../components/When';

export function ReportedProblem({
  detail,
  provider,
}: {
  detail: TokenDetail;
  provider: ProviderDescriptor | undefined;
}) {
  const problem = detail.scope.problem;
  if (problem === undefined) return null;
  const words = provider?.reportedProblem ?? { ...BADGES.reported_problem, advice: '' };
  return (
    <div className="banner banner-error" role="alert">
      <TriangleExclamationPoint size={18} aria-hidden="true" />
      <div className="banner-text">
        <p className="banner-title">{words.description}</p>
        <p>
          {words.advice}
          {problem.reportedAt !== null && (
            <>
              {' '}
              Reported <When ms={problem.reportedAt} />.
            </>
          )}
        </p>
      </div>
    </div>
  );
}
