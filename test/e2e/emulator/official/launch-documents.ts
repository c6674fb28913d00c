// The official client's Launch documents, their text copied verbatim as test fixtures from
// wandb/wandb at b6e29505884e (each names its source). The Python documents built with f-strings
// (`push_to_run_queue_by_name`, `push_to_run_queue`, `create_launch_agent`) are given in the form
// they take with every optional part included.

/** wandb/apis/public/jobs.py QueuedRun._get_run_queue_item_legacy */
export const GET_RUN_QUEUE_ITEM_LEGACY = `query GetRunQueueItem($projectName: String!, $entityName: String!, $runQueue: String!) {
    project(name: $projectName, entityName: $entityName) {
        runQueue(name:$runQueue) {
            runQueueItems {
                edges {
                    node {
                        id
                        state
                        associatedRunId
                    }
                }
            }
        }
    }
}
`;

/** wandb/apis/public/jobs.py QueuedRun._get_item */
export const GET_RUN_QUEUE_ITEM = `query GetRunQueueItem($projectName: String!, $entityName: String!, $runQueue: String!, $itemId: ID!) {
    project(name: $projectName, entityName: $entityName) {
        runQueue(name: $runQueue) {
            runQueueItem(id: $itemId) {
                id
                state
                associatedRunId
            }
        }
    }
}
`;

/** wandb/apis/public/jobs.py QueuedRun.delete */
export const FETCH_RUN_QUEUES_FROM_PROJECT = `query fetchRunQueuesFromProject($entityName: String!, $projectName: String!, $runQueueName: String!) {
    project(name: $projectName, entityName: $entityName) {
        runQueue(name: $runQueueName) {
            id
        }
    }
}
`;

/** wandb/apis/public/jobs.py QueuedRun.delete */
export const DELETE_FROM_RUN_QUEUE = `mutation DeleteFromRunQueue(
    $queueID: ID!,
    $runQueueItemId: ID!
) {
    deleteFromRunQueue(input: {
        queueID: $queueID
        runQueueItemId: $runQueueItemId
    }) {
        success
        clientMutationId
    }
}
`;

/** wandb/apis/public/jobs.py RunQueue.delete */
export const DELETE_RUN_QUEUE = `mutation DeleteRunQueue($id: ID!) {
    deleteRunQueues(input: {queueIDs: [$id]}) {
        success
        clientMutationId
    }
}
`;

/** wandb/apis/public/jobs.py RunQueue._get_metadata */
export const GET_RUN_QUEUE_METADATA = `query GetRunQueueMetadata($projectName: String!, $entityName: String!, $runQueue: String!) {
    project(name: $projectName, entityName: $entityName) {
        runQueue(name: $runQueue) {
            id
            access
            defaultResourceConfigID
            prioritizationMode
            externalLinks
        }
    }
}
`;

/** wandb/apis/public/jobs.py RunQueue._get_default_resource_config */
export const GET_DEFAULT_RESOURCE_CONFIG = `query GetDefaultResourceConfig($entityName: String!, $id: ID!) {
    entity(name: $entityName) {
        defaultResourceConfig(id: $id) {
            config
            resource
            templateVariables {
                name
                schema
            }
        }
    }
}
`;

/** wandb/apis/public/jobs.py RunQueue._get_items */
export const GET_RUN_QUEUE_ITEMS = `query GetRunQueueItems($projectName: String!, $entityName: String!, $runQueue: String!) {
    project(name: $projectName, entityName: $entityName) {
        runQueue(name: $runQueue) {
            runQueueItems(first: 100) {
                edges {
                    node {
                        id
                    }
                }
            }
        }
    }
}
`;

/** wandb/apis/public/api.py Api.list_jobs */
export const ARTIFACT_OF_TYPE = `query ArtifactOfType(
    $entityName: String!,
    $projectName: String!,
    $artifactTypeName: String!,
) {
    project(name: $projectName, entityName: $entityName) {
        artifactType(name: $artifactTypeName) {
            artifactCollections {
                edges {
                    node {
                        artifacts {
                            edges {
                                node {
                                    id
                                    state
                                    aliases {
                                        alias
                                    }
                                    artifactSequence {
                                        name
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
`;

/** wandb/sdk/internal/internal_api.py get_project_run_queues */
export const PROJECT_RUN_QUEUES = `query ProjectRunQueues($entity: String!, $projectName: String!){
    project(entityName: $entity, name: $projectName) {
        runQueues {
            id
            name
            createdBy
            access
        }
    }
}
`;

/** wandb/sdk/internal/internal_api.py upsert_run_queue */
export const UPSERT_RUN_QUEUE_PY = `mutation upsertRunQueue(
    $entityName: String!
    $projectName: String!
    $queueName: String!
    $resourceType: String!
    $resourceConfig: JSONString!
    $templateVariables: JSONString
    $prioritizationMode: RunQueuePrioritizationMode
    $externalLinks: JSONString
    $clientMutationId: String
) {
    upsertRunQueue(
        input: {
            entityName: $entityName
            projectName: $projectName
            queueName: $queueName
            resourceType: $resourceType
            resourceConfig: $resourceConfig
            templateVariables: $templateVariables
            prioritizationMode: $prioritizationMode
            externalLinks: $externalLinks
            clientMutationId: $clientMutationId
        }
    ) {
        success
        configSchemaValidationErrors
    }
}
`;

/** wandb/sdk/internal/internal_api.py pop_from_run_queue */
export const POP_FROM_RUN_QUEUE = `mutation popFromRunQueue($entity: String!, $project: String!, $queueName: String!, $launchAgentId: ID)  {
    popFromRunQueue(input: {
        entityName: $entity,
        projectName: $project,
        queueName: $queueName,
        launchAgentId: $launchAgentId
    }) {
        runQueueItemId
        runSpec
    }
}
`;

/** wandb/sdk/internal/internal_api.py ack_run_queue_item */
export const ACK_RUN_QUEUE_ITEM = `mutation ackRunQueueItem($itemId: ID!, $runId: String!)  {
    ackRunQueueItem(input: { runQueueItemId: $itemId, runName: $runId }) {
        success
    }
}
`;

/** wandb/sdk/internal/internal_api.py fail_run_queue_item */
export const FAIL_RUN_QUEUE_ITEM = `mutation failRunQueueItem($runQueueItemId: ID!, $message: String!, $stage: String!, $filePaths: [String!]) {
    failRunQueueItem(
        input: {
            runQueueItemId: $runQueueItemId
            message: $message
            stage: $stage
            filePaths: $filePaths
        }
    ) {
        success
    }
}
`;

/** wandb/sdk/internal/internal_api.py update_run_queue_item_warning */
export const UPDATE_RUN_QUEUE_ITEM_WARNING = `mutation updateRunQueueItemWarning($runQueueItemId: ID!, $message: String!, $stage: String!, $filePaths: [String!]) {
    updateRunQueueItemWarning(
        input: {
            runQueueItemId: $runQueueItemId
            message: $message
            stage: $stage
            filePaths: $filePaths
        }
    ) {
        success
    }
}
`;

/** wandb/sdk/internal/internal_api.py update_launch_agent_status */
export const UPDATE_LAUNCH_AGENT = `mutation updateLaunchAgent($agentId: ID!, $agentStatus: String){
    updateLaunchAgent(
        input: {
            launchAgentId: $agentId
            agentStatus: $agentStatus
        }
    ) {
        success
    }
}
`;

/** wandb/sdk/internal/internal_api.py get_launch_agent */
export const LAUNCH_AGENT = `query LaunchAgent($agentId: ID!) {
    launchAgent(id: $agentId) {
        id
        name
        runQueues
        hostname
        agentStatus
        stopPolling
        heartbeatAt
    }
}
`;

/** wandb/sdk/internal/internal_api.py upsert_project */
export const UPSERT_MODEL = `mutation UpsertModel($name: String!, $id: String, $entity: String!, $description: String, $repo: String)  {
    upsertModel(input: { id: $id, name: $name, entityName: $entity, description: $description, repo: $repo }) {
        model {
            name
            description
        }
    }
}
`;

/** wandb/sdk/internal/internal_api.py push_to_run_queue_by_name (fallback) */
export const PUSH_TO_RUN_QUEUE_BY_NAME_NO_RUN_SPEC = `mutation pushToRunQueueByName(
    $entityName: String!,
    $projectName: String!,
    $queueName: String!,
    $runSpec: JSONString!,
) {
    pushToRunQueueByName(
        input: {
            entityName: $entityName,
            projectName: $projectName,
            queueName: $queueName,
            runSpec: $runSpec
        }
    ) {
        runQueueItemId
    }
}
`;

/** core/api/graphql/mutation_run_queue.graphql */
export const GO_CREATE_DEFAULT_RESOURCE_CONFIG = `mutation CreateDefaultResourceConfig(
    $entityName: String!
    $resource: String!
    $config: JSONString!
    $templateVariables: JSONString
) {
    createDefaultResourceConfig(
        input: {
            entityName: $entityName
            resource: $resource
            config: $config
            templateVariables: $templateVariables
        }
    ) {
        defaultResourceConfigID
        success
    }
}
`;

/** core/api/graphql/mutation_run_queue.graphql */
export const GO_CREATE_RUN_QUEUE = `mutation CreateRunQueue(
    $entity: String!
    $project: String!
    $queueName: String!
    $access: RunQueueAccessType!
    $prioritizationMode: RunQueuePrioritizationMode
    $defaultResourceConfigID: ID
) {
    createRunQueue(
        input: {
            entityName: $entity
            projectName: $project
            queueName: $queueName
            access: $access
            prioritizationMode: $prioritizationMode
            defaultResourceConfigID: $defaultResourceConfigID
        }
    ) {
        success
        queueID
    }
}
`;

/** core/api/graphql/mutation_run_queue.graphql */
export const GO_UPSERT_RUN_QUEUE = `mutation UpsertRunQueue(
    $entityName: String!
    $projectName: String!
    $queueName: String!
    $resourceType: String!
    $resourceConfig: JSONString!
    $templateVariables: JSONString
    $prioritizationMode: RunQueuePrioritizationMode
    $externalLinks: JSONString
    $clientMutationId: String
) {
    upsertRunQueue(
        input: {
            entityName: $entityName
            projectName: $projectName
            queueName: $queueName
            resourceType: $resourceType
            resourceConfig: $resourceConfig
            templateVariables: $templateVariables
            prioritizationMode: $prioritizationMode
            externalLinks: $externalLinks
            clientMutationId: $clientMutationId
        }
    ) {
        success
        configSchemaValidationErrors
    }
}
`;

/** wandb/sdk/internal/internal_api.py push_to_run_queue_by_name, with `priority` and `templateVariableValues` */
export const PUSH_TO_RUN_QUEUE_BY_NAME = `mutation pushToRunQueueByName(
    $entityName: String!,
    $projectName: String!,
    $queueName: String!,
    $runSpec: JSONString!
, $priority: Int, $templateVariableValues: JSONString
) {
    pushToRunQueueByName(
        input: {
            entityName: $entityName,
            projectName: $projectName,
            queueName: $queueName,
            runSpec: $runSpec
        , priority: $priority, templateVariableValues: $templateVariableValues
        }
    ) {
        runQueueItemId
        runSpec
    }
}
`;

/** wandb/sdk/internal/internal_api.py push_to_run_queue (legacy), with `templateVariableValues` */
export const PUSH_TO_RUN_QUEUE = `mutation pushToRunQueue(
    $queueID: ID!,
    $runSpec: JSONString!
, $templateVariableValues: JSONString
    ) {
    pushToRunQueue(
        input: {
    queueID: $queueID,
    runSpec: $runSpec
, templateVariableValues: $templateVariableValues}
    ) {
        runQueueItemId
    }
}
`;

/** wandb/sdk/internal/internal_api.py create_launch_agent */
export const CREATE_LAUNCH_AGENT = `mutation createLaunchAgent(
    $entity: String!,
    $project: String!,
    $queues: [ID!]!,
    $hostname: String!,
    $agentConfig: JSONString,
    $version: String
) {
    createLaunchAgent(
        input: {
            entityName: $entity,
            projectName: $project,
            runQueues: $queues,
            hostname: $hostname,
            agentConfig: $agentConfig,
            version: $version
        }
    ) {
        launchAgentId
    }
}
`;
