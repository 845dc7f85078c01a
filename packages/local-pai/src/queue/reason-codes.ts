/** The reason codes the queue gives jobs it stops itself. */

/** The reason code of a job stopped through StopJob (the DLC code). */
export const JOB_STOPPED_BY_USER = "JobStoppedByUser";
/** The reason code of a job cut short by a clean shutdown of the service. */
export const SERVICE_STOPPED = "ServiceStopped";
