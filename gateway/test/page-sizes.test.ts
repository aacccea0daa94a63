import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultPageSize, maxPageSize } from '@nlai/paging';
import { Kind, parse, visit, type FieldDefinitionNode } from 'graphql';
import { defaultOperationLimits } from '../src/operation-limits';

const supergraph = parse(readFileSync(resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8'));

/** Every paged field of the supergraph (`@listSize` with slicing arguments), with the size it declares when `first` is left out. */
function pagedFields(): Array<{ field: string; assumedSize: number | undefined; firstDefault: number | undefined }> {
  const found: Array<{ field: string; assumedSize: number | undefined; firstDefault: number | undefined }> = [];
  let typeName = '';
  const intValue = (node: { value: { kind: Kind; value?: unknown } } | undefined) =>
    node?.value.kind === Kind.INT ? Number(node.value.value) : undefined;
  visit(supergraph, {
    ObjectTypeDefinition: (node) => void (typeName = node.name.value),
    InterfaceTypeDefinition: (node) => void (typeName = node.name.value),
    FieldDefinition(node: FieldDefinitionNode) {
      const listSize = node.directives?.find((directive) => directive.name.value === 'listSize');
      const slicing = listSize?.arguments?.find((argument) => argument.name.value === 'slicingArguments');
      if (!listSize || !slicing) return;
      const first = node.arguments?.find((argument) => argument.name.value === 'first');
      found.push({
        field: `${typeName}.${node.name.value}`,
        assumedSize: intValue(listSize.arguments?.find((argument) => argument.name.value === 'assumedSize')),
        firstDefault: first?.defaultValue?.kind === Kind.INT ? Number(first.defaultValue.value) : undefined,
      });
    },
  });
  return found;
}

describe('page sizes, defined once in @nlai/paging', () => {
  it('are the gateway’s limits: it refuses a larger `first` and assumes the default page for a paged list’s cost', () => {
    expect(defaultOperationLimits.maxPageSize).toBe(maxPageSize);
    expect(defaultOperationLimits.defaultPageSize).toBe(defaultPageSize);
  });

  it('are what the SDL tells the cost analysis: a paged list without `first` returns the default page', () => {
    const paged = pagedFields();
    expect(paged.length).toBeGreaterThan(0);
    const wrong = paged.filter(
      // A list whose `first` has its own default declares no assumed size: the gateway reads the default.
      ({ assumedSize, firstDefault }) => (firstDefault === undefined ? assumedSize !== defaultPageSize : assumedSize !== undefined),
    );
    expect(wrong).toEqual([]);
  });
});
