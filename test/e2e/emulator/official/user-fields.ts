// The official client's user fragment (its UserFragment, shared by GetViewer and the project
// documents' owner), in its shape: the fields it selects, the viewer's API keys and teams.

/** The user fragment `UserFields` and the API key fragment it spreads, as one GraphQL text. */
export const USER_FIELDS = `fragment KeyFields on ApiKey { id name description }
fragment UserFields on User {
  id
  name
  username
  email
  admin
  flags
  entity
  deletedAt
  apiKeys { edges { node { ...KeyFields } } }
  teams { edges { node { name } } }
}`;
