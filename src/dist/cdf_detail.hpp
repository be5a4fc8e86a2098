// Internal: the Boost.Math policy of the distribution functions in the records (Cdf,
// record.hpp): no exceptions, because a sampler may propose any parameter value and a
// truncation reads the functions at the support's ends (quantile(0) = lower end).
#pragma once
#include <boost/math/policies/policy.hpp>

namespace alea::dist::detail {

using CdfPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
    boost::math::policies::promote_double<false>>;

}  // namespace alea::dist::detail
