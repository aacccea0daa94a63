import { hasScope, Scope } from '@nlai/auth';
import type { Context } from '../context';
import { networkGroup } from '../repositories';
import { addCells, type FigureCells, type Publication } from './talent-figures';

/**
 * The cells of a group of labs (a lab, a city) or of the whole network, and
 * how to publish them, for this caller: live and exact with talent:read,
 * otherwise the latest release's, to be perturbed. The one place that chooses.
 */
export async function figuresFor(
  { auth, loaders }: Pick<Context, 'auth' | 'loaders'>,
  labIds: readonly string[] | 'network',
): Promise<{ cells: FigureCells; publication: Publication }> {
  if (hasScope(auth, Scope.TalentRead)) {
    const cells =
      labIds === 'network'
        ? await loaders.liveNetworkCells()
        : addCells(await Promise.all(labIds.map((id) => loaders.liveCellsOfLab.load(id))));
    return { cells, publication: { exact: true } };
  }
  const release = await loaders.latestRelease();
  if (!release) return { cells: new Map(), publication: { exact: false, release: null } };
  const cellsOf = loaders.releasedCells(release.id);
  const parts = await Promise.all((labIds === 'network' ? [networkGroup] : labIds).map((id) => cellsOf.load(id)));
  return {
    cells: addCells(parts),
    publication: { exact: false, release: { id: release.id, publishedAt: new Date(release.publishedAt).toISOString() } },
  };
}
