// alea's public API in one include: models in C++ or BUGS, simplification,
// forward sampling, log densities and summaries.
#pragma once
#include "alea/infer/diagnostics.hpp"
#include "alea/infer/draw_table.hpp"
#include "alea/infer/forward.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/infer/posterior.hpp"
#include "alea/infer/summary.hpp"
#include "alea/io/bugs_model.hpp"
#include "alea/io/csv.hpp"
#include "alea/io/rdump.hpp"
#include "alea/io/stan_csv.hpp"
#include "alea/model/composite.hpp"
#include "alea/model/model.hpp"
#include "alea/rewrite/conjugacy.hpp"
#include "alea/rewrite/simplify.hpp"
