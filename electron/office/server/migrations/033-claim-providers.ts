/**
 * Server migration 33: the providers an 837 names for a claim (attending, operating,
 * rendering, referring, by name and NPI) and for each of its lines. Until now they stayed on
 * the desk that imported the claim file: every other desk's appeal letters lacked the
 * physicians the payer's claim carried.
 *
 * They are kept inside the claim's and the line's row, whole, as a plan's installments are
 * (migration 19): keyed by role, they change only when a replacement claim changes the claim
 * and its lines, so they are checked by the claim's or the line's version and refused with
 * it. Rows from before this migration hold none (NULL): the office does not know them, and a
 * desk taking such a row keeps its own.
 *
 * A desk's login may write them, so they are held to the shape every desk's tables require
 * (`is_claim_providers`): a list of objects of exactly a role among the four, a non-empty
 * name and an NPI or null, each role once. Anything else would be a row no desk can take,
 * and a desk given it back with a refusal could then send nothing more.
 */
export const serverMigration033 = `
CREATE FUNCTION is_claim_providers(p jsonb) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  e jsonb;
  roles text[] := '{}';
BEGIN
  IF jsonb_typeof(p) IS DISTINCT FROM 'array' THEN RETURN false; END IF;
  FOR e IN SELECT jsonb_array_elements(p) LOOP
    IF jsonb_typeof(e) <> 'object' THEN RETURN false; END IF;
    IF NOT (e ?& ARRAY['role', 'name', 'npi'])
        OR (SELECT count(*) FROM jsonb_object_keys(e)) <> 3 THEN
      RETURN false;
    END IF;
    IF jsonb_typeof(e -> 'role') <> 'string'
        OR NOT (e ->> 'role' = ANY (ARRAY['attending', 'operating', 'rendering', 'referring']))
        OR e ->> 'role' = ANY (roles)
        OR jsonb_typeof(e -> 'name') <> 'string' OR e ->> 'name' = ''
        OR jsonb_typeof(e -> 'npi') NOT IN ('string', 'null') THEN
      RETURN false;
    END IF;
    roles := roles || (e ->> 'role');
  END LOOP;
  RETURN true;
END $$;

ALTER TABLE claims ADD COLUMN providers jsonb
  CONSTRAINT claims_providers_shape CHECK (providers IS NULL OR public.is_claim_providers(providers));
ALTER TABLE claim_lines ADD COLUMN providers jsonb
  CONSTRAINT claim_lines_providers_shape
  CHECK (providers IS NULL OR public.is_claim_providers(providers));
GRANT UPDATE (providers) ON claims, claim_lines TO claimdesk_desktop;
`;
