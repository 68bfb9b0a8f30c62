#pragma once
// The AI services of the saved setup as the cloud plan needs them: one mapping for the
// pipeline panel's Deploy and for `pitwall cloud plan`, so both show the same plan.

#include "SetupConfig.h"
#include "cloud/CloudPipelinePlan.h"

namespace pitwall::setup {

cloud::CloudAiSettings cloudAiSettings(const SetupConfig &config);

} // namespace pitwall::setup
