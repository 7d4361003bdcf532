export {
  CAHC_SIREN,
  type Commune,
  type CommuneCandidate,
  type CommuneQuery,
  CommuneSchema,
  cahcCommunes,
  communesByPostalCode,
  findCommuneByInseeCode,
  InseeCodeSchema,
  isInCahc,
  normalizeCommuneName,
  resolveCommune,
} from './commune.ts';
