#!/bin/bash

/var/vcap/jobs/bpm/bin/bpm run test-errand
